"""Views of validation: the public pages and the space's pages, each module with its routes."""
