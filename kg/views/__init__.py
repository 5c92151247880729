"""Views of the events: the actor network, who-stands-where analysis, the text report, the offline
HTML page and the exports for other tools.
"""
