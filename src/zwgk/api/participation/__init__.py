"""The public API of public participation, one router per part (tag 公众参与)."""
