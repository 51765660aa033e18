"""The forum's pages: thin views that call qa.selectors for reading and qa.services for writing."""
