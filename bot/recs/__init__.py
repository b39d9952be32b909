"""recs"""
