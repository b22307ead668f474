"""Lexicons: the TOML format and its checks, phrase keys, and the one-pass matcher."""

from framing.lexicon.format import Category, Entry, Lexicon, load_lexicon, load_lexicons, shipped_lexicons
from framing.lexicon.matcher import Matcher, Score, scores

__all__ = ["Category", "Entry", "Lexicon", "Matcher", "Score", "load_lexicon", "load_lexicons", "scores", "shipped_lexicons"]
