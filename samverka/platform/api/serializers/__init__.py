"""Serializers of the REST API, one module per domain. They validate and describe; they never save."""
