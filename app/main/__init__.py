"""Site-wide pages: home, language switch and the health check."""
