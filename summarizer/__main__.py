import os
import sys

from summarizer.cli import main

try:
    sys.exit(main())
except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a traceback
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
