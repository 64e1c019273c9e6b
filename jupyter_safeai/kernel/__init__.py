"""Kernel side: the %%safe_ai magic and the client that reaches the server."""
