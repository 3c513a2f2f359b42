"""The batch, on top of every stage: what was asked (request), the loaded project, planning
jobs, making one job (builder), running them in worker processes that load their own state,
validation without writing, the web edition's pages, and watch mode."""
