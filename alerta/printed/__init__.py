"""Printed and shared materials made from the site: card, poster, booklet, share images, forward message."""
