"""guidetrace.reports"""
