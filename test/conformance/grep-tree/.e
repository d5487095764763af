hello e
