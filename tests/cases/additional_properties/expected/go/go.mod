module example.com/cases/additional-properties

go 1.22
