package main

import "fmt"

func errNotYet(name string) error { return fmt.Errorf("%s is not built yet", name) }
