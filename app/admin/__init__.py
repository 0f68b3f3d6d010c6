"""Administration: accounts, roles and the ministries of each country."""
