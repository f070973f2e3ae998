"""Files and text in and out of lossgui: no Qt, nothing executed, writes atomic."""
