"""One module and one KV file per screen; each draws its presenter's scan model."""
