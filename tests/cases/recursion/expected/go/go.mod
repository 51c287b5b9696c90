module example.com/cases/recursion

go 1.22
