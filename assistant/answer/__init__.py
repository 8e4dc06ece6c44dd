"""Answer stage: prompts, grounded and LLM composers, the chain, the navigator and deadline calculator."""
