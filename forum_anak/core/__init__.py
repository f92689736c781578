"""The ground floor of forum_anak: what every feature folder shares (the base error, role
predicates, actor labels, the transition helper, back-office base views)."""
