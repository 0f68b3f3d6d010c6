"""The learner's side: catalog, course pages, module reader, progress, completion and dashboard."""
