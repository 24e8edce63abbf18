"""Writers: JSON and CSV output of Reports."""
