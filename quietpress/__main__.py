from quietpress.cli import main

raise SystemExit(main())
