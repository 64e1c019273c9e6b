"""The demo JupyterHub (`make hub`), a package so that tests import it as `hub.demo_hub`."""
