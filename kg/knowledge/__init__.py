"""Knowledge files: the actor gazetteer, the per-language lexicons and the places, read from
`kg/data` (and the user's own files in the same formats).
"""
