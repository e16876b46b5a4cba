"""The public pages of public participation (公众参与), one module per part, under /gzcy/."""
