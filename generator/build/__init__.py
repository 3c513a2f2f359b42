"""The build: what was asked, planning jobs, change detection, running them (in parallel),
atomic output and the manifest."""
