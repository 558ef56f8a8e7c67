"""Vietnamese text: NFC with one tone-mark placement, accent folding (đ -> d), dates as Vietnamese pages
print them, bylines, and the abbreviation table (LĐLĐ, HĐND, CNVCLĐ ...).

Pure functions over strings, shared by every stage. Imports nothing from the rest of `archive`.
"""
