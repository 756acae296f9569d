"""The AIUC scoring engine: one text analysis per item, twelve explainable dimensions, the
值得买 index under the active ScoringProfile, and gatekeeping."""
