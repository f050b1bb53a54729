"""Classroom sync: learning statements (xAPI) queued in the progress file, sent to the
school's Learning Record Store only when the teacher turned it on. No Kivy here."""
