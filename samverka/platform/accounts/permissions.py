import rules

rules.add_perm("accounts.view_profile", rules.is_authenticated)
rules.add_perm("accounts.manage_token", rules.is_authenticated)
