"""wat-werkt: choose what works against loneliness, following Movisie's dossier."""

__version__ = "0.1.0"
