"""The HTTP layer: thin routes over the service functions and the pipeline."""
