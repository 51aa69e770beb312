"""The stand-in Kubernetes API server (see ../README.md)."""
