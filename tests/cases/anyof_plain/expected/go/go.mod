module example.com/cases/anyof-plain

go 1.22
