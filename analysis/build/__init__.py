"""Stage 7, build: execute the notebooks (cached, parallel) and publish the HTML reports."""
