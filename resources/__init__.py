"""Data files of PeerDesk (taxonomy, guide, icons), read through importlib.resources."""
