"""Many articles in one run: records in, committed results out, embedded or on a Ray cluster."""
