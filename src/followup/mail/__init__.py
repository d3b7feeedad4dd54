"""Email drafts into the user's mailbox over IMAP (``followup drafts``): see drafts.py, imap.py, password.py."""
