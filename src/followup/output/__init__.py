"""Write stage: safe names inside OUT, atomic writes, the manifest."""
