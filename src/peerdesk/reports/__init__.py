"""Printed reports: the numbers of :mod:`peerdesk.domain.report` drawn with Qt's own PDF writer
and printer (QtGui and QtPrintSupport; no widgets, no browser engine)."""
