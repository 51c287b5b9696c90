module example.com/cases/oneof-discriminator

go 1.22
