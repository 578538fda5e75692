"""The published site: the MkDocs plugin and the pages it adds."""
