"""The report: view model, evidence anchors, HTML and PDF rendering, atomic output."""
