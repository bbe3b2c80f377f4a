"""Pydantic models of every manifest kind, one module per platform area."""
