"""The database one run reads: which files (``dataset``), built from them (``store``, ``index``) or read
back from the cache (``cache``), every row checked (``checked``), and what the queries see (``corpus``);
``home`` is the corpus directory on this machine."""
