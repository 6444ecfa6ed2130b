"""The team server: PostgreSQL holds a programme's record; every PC stays offline-first.

Qt-free. :mod:`.connection` reaches the server (a libpq URL without a password; the password
comes from the libpq password file), :mod:`.admin` makes and upgrades the schema and the login
roles, :mod:`.sync` sends a worker's changes and receives the worker's own entries made on other
PCs, :mod:`.team` reads a team for its supervisor. The window, the command line and the
background sync reach them through :mod:`peerdesk.operations.syncing`.
"""
