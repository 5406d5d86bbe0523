"""HTTP routers of sync protocol v1, one module per resource."""
