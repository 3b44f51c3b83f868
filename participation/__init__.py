"""Associations, boards, activities, goals and council insights.

Empty until the participation issue; it exists so the dependency direction
cms -> participation -> surveys is fixed from the start.
"""
