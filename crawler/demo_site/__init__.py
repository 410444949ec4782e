"""The bundled demo site: fictional posts served in the real markup of each source kind."""
