/*
 * purgatory_blob.S - the purgatory image, built before the kernel
 * (guest/build/purgatory.bin), carried inside it like kexec-tools carries
 * its purgatory: the kexec tool copies it into a segment of its own.
 */
	.section .rodata
	.balign 16
	.globl kexec_purgatory
kexec_purgatory:
	.incbin "purgatory.bin"
	.globl kexec_purgatory_end
kexec_purgatory_end:
	.balign 4
	.globl kexec_purgatory_size
kexec_purgatory_size:
	.word	kexec_purgatory_end - kexec_purgatory
