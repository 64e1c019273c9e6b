"""Server side: the extension app, REST handlers and admin settings."""
