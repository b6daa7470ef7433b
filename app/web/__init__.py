"""HTTP plumbing shared by every router: the error shape, middleware, logging."""
