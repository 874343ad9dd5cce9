print("groundswell")
